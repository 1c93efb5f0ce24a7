import { fileTypeFromFile } from 'file-type';
import { AppError } from '../../errors.ts';

/**
 * What may be uploaded as supporting material: PDF, Office documents, images and
 * MP4 video. The type is read from the content (magic bytes, and the parts inside
 * an OOXML zip); the file name's extension must agree with it, so an executable
 * renamed to .pdf, or a zip renamed to .docx, is refused.
 */
interface AllowedKind {
  /** Extensions a file of this content may carry. */
  extensions: string[];
  mime: string | ((extension: string) => string);
  video: boolean;
}

const legacyOfficeMime: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/** Keyed by file-type's detected extension. */
const allowedKinds: Record<string, AllowedKind> = {
  pdf: { extensions: ['pdf'], mime: 'application/pdf', video: false },
  docx: { extensions: ['docx'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', video: false },
  xlsx: { extensions: ['xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', video: false },
  pptx: { extensions: ['pptx'], mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', video: false },
  // Word 97–2003 and friends share one container format (Compound File Binary).
  cfb: { extensions: ['doc', 'xls', 'ppt'], mime: (ext) => legacyOfficeMime[ext]!, video: false },
  png: { extensions: ['png'], mime: 'image/png', video: false },
  jpg: { extensions: ['jpg', 'jpeg'], mime: 'image/jpeg', video: false },
  gif: { extensions: ['gif'], mime: 'image/gif', video: false },
  webp: { extensions: ['webp'], mime: 'image/webp', video: false },
  mp4: { extensions: ['mp4'], mime: 'video/mp4', video: true },
  m4v: { extensions: ['mp4', 'm4v'], mime: 'video/mp4', video: true },
};

export const allowedExtensions = [...new Set(Object.values(allowedKinds).flatMap((k) => k.extensions))];
export const videoExtensions = [
  ...new Set(
    Object.values(allowedKinds)
      .filter((k) => k.video)
      .flatMap((k) => k.extensions),
  ),
];
export const allowedTypesLabel = 'PDF、Word/Excel/PowerPoint、PNG/JPG/GIF/WebP 图片、MP4 视频';

export interface UploadLimits {
  documentBytes: number;
  videoBytes: number;
}

export const defaultUploadLimits: UploadLimits = { documentBytes: 20 * 1024 * 1024, videoBytes: 200 * 1024 * 1024 };

export function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return match ? match[1]!.toLowerCase() : '';
}

export const formatMegabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export function fileTooLarge(limit: number): AppError {
  return new AppError('FILE_TOO_LARGE', `文件超过大小上限 ${formatMegabytes(limit)}`, { limit });
}

/** Sniffs the staged file; returns the MIME type to store, or throws UNSUPPORTED_FILE_TYPE / FILE_TOO_LARGE. */
export async function checkMaterialFile(localPath: string, fileName: string, size: number, limits: UploadLimits): Promise<string> {
  const detected = await fileTypeFromFile(localPath);
  const extension = extensionOf(fileName);
  const kind = detected ? allowedKinds[detected.ext] : undefined;
  if (!kind) {
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      `不支持的文件类型${detected ? `（检测到 ${detected.ext}）` : ''}，请上传 ${allowedTypesLabel}`,
      {
        detected: detected?.ext ?? null,
        allowed: allowedExtensions,
      },
    );
  }
  if (!kind.extensions.includes(extension)) {
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      `文件内容是 ${kind.extensions[0]!.toUpperCase()}，与文件扩展名「.${extension || '无'}」不符，请检查文件`,
      { detected: detected!.ext, extension, allowed: allowedExtensions },
    );
  }
  const limit = kind.video ? limits.videoBytes : limits.documentBytes;
  if (size > limit) throw fileTooLarge(limit);
  return typeof kind.mime === 'function' ? kind.mime(extension) : kind.mime;
}
