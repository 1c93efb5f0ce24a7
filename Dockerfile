# Production image: one process serves the API, socket.io and the built web on PORT.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY web/package.json web/
COPY search/package.json search/
COPY tests/package.json tests/
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run build --workspace web
EXPOSE 3000
USER node
CMD ["node", "--import", "tsx", "api/src/main.ts"]
