import { describe, expect, it } from 'vitest';
import { recommendDemandsForTeam, recommendTeamsForDemand, regionCore, type DemandProfile, type TeamProfile } from './recommend.ts';
import { readableWords } from './text-terms.ts';

const demand = (id: string, over: Partial<DemandProfile> = {}): DemandProfile => ({
  id,
  title: '需求',
  text: '',
  trackId: 'T01',
  topicId: 'T01-1',
  region: null,
  accessModes: [],
  ...over,
});
const team = (id: string, over: Partial<TeamProfile> = {}): TeamProfile => ({
  id,
  name: '团队',
  text: '',
  trackIds: [],
  topicIds: [],
  regions: [],
  dataCapabilities: [],
  ...over,
});

const ceramics = demand('d-ceramics', {
  title: '陶瓷智造升级：机器视觉驱动的缺陷精准检测',
  text: '对卫生陶瓷制造过程中的成型工艺数据、烧制工艺数据进行精准标注，通过机器视觉技术提升陶瓷表面缺陷检测准确率。',
  region: '河北省唐山市',
  accessModes: ['api', 'download'],
});
const finance = demand('d-finance', {
  title: '科创企业贷款服务优化：基于多源数据的无形资产信用评估',
  text: '整合知识产权、税务、社保数据，构建科创企业信用评估模型，服务中小企业融资。',
  trackId: 'T05',
  topicId: 'T05-2',
  region: '河北省石家庄市',
  accessModes: ['sandbox'],
});
const logistics = demand('d-logistics', {
  title: '钢铁供应链数智化：算法驱动全链条资源配置优化',
  text: '面向钢铁物流运输调度，优化车辆路径与仓储配置，降低物流成本。',
  trackId: 'T03',
  topicId: 'T03-1',
  region: '河北省石家庄市',
  accessModes: ['api'],
});
const demands = [finance, logistics, ceramics];

describe('recommendDemandsForTeam', () => {
  it('ranks the sub-topic whose text fits the team first and explains why in Chinese', () => {
    const vision = team('t-vision', {
      text: '团队专注机器视觉与表面缺陷检测，为卫浴陶瓷企业完成釉面缺陷识别项目，擅长数据标注。',
      trackIds: ['T01'],
      regions: ['唐山'],
      preferredAccessModes: ['api'],
    });
    const recs = recommendDemandsForTeam(vision, demands, 5);
    expect(recs[0].id).toBe('d-ceramics');
    expect(recs[0].reasons[0]).toMatch(/^共同关键词：/);
    expect(recs[0].reasons[0]).toContain('机器视觉');
    expect(recs[0].reasons).toContain('同一赛道');
    expect(recs[0].reasons).toContain('同一地区：唐山');
    expect(recs[0].reasons).toContain('数据获取方式：API');
    for (const r of recs) {
      expect(r.score).toBeGreaterThan(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < recs.length; i++) expect(recs[i - 1].score).toBeGreaterThanOrEqual(recs[i].score);
  });

  it('text alone decides when no metadata is shared', () => {
    const credit = team('t-credit', { text: '我们为银行建设中小企业信用评估与知识产权质押融资风控模型，熟悉税务和社保数据。' });
    const recs = recommendDemandsForTeam(credit, demands, 3);
    expect(recs[0].id).toBe('d-finance');
    expect(recs[0].reasons.join(' ')).toMatch(/信用评估|知识产权/);
    expect(recs[0].reasons).not.toContain('同一赛道');
  });

  it('mentions a data capability the demand asks for', () => {
    const labeller = team('t-label', { text: '数据服务团队', dataCapabilities: ['精准标注', '隐私计算'] });
    const rec = recommendDemandsForTeam(labeller, demands, 3).find((r) => r.id === 'd-ceramics');
    expect(rec?.reasons).toContain('数据能力：精准标注');
  });

  it('respects the limit, breaks ties by id and is deterministic', () => {
    const blank = team('t-blank', { text: '无关内容', trackIds: ['T01', 'T03', 'T05'] });
    const same = ['d-c', 'd-a', 'd-b'].map((id) => demand(id, { title: '同样', text: '完全相同的文字' }));
    const recs = recommendDemandsForTeam(blank, same, 2);
    expect(recs.map((r) => r.id)).toEqual(['d-a', 'd-b']);
    expect(recommendDemandsForTeam(blank, [...same].reverse(), 2)).toEqual(recs);
    expect(recommendDemandsForTeam(blank, same, 0)).toEqual([]);
  });

  it('leaves out candidates with nothing in common', () => {
    const unrelated = team('t-x', { text: 'ABC' });
    expect(recommendDemandsForTeam(unrelated, demands, 5)).toEqual([]);
  });
});

describe('recommendTeamsForDemand', () => {
  it('finds the fitting team among others, with reasons', () => {
    const teams = [
      team('t-route', {
        text: '物流运输调度与车辆路径优化算法团队，服务钢铁企业仓储配置。',
        trackIds: ['T03'],
        regions: ['河北省石家庄市'],
      }),
      team('t-vision', { text: '机器视觉缺陷检测。', trackIds: ['T01'] }),
      team('t-credit', { text: '信用评估模型。', trackIds: ['T05'] }),
    ];
    const recs = recommendTeamsForDemand(logistics, teams, 3);
    expect(recs[0].id).toBe('t-route');
    expect(recs[0].reasons).toEqual(expect.arrayContaining(['同一赛道', '同一地区：石家庄']));
    expect(recs[0].reasons[0]).toMatch(/^共同关键词：.*(物流|车辆路径|仓储|调度)/);
  });
});

describe('text helpers', () => {
  it('reduces regions to the place name', () => {
    expect(regionCore('河北省石家庄市')).toBe('石家庄');
    expect(regionCore('石家庄')).toBe('石家庄');
    expect(regionCore('河北省雄安新区')).toBe('雄安');
    expect(regionCore('河北省石家庄市长安区')).toBe('石家庄');
  });

  it('extracts readable words, gluing characters the segmenter leaves apart', () => {
    const words = readableWords('构建知识图谱引擎，进行数据标注和隐私计算');
    expect(words).toEqual(expect.arrayContaining(['知识', '图谱', '引擎', '标注', '隐私', '计算']));
    expect(words).not.toContain('数据'); // too generic to explain a match
  });
});
