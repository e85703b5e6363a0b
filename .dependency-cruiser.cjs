/** Layer rules from docs/architecture.md: core → pipeline/store/ingest → services → server/cli. */
module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      severity: "error",
      from: { path: "^src/core" },
      to: { path: "^src/(?!core)", pathNot: "^src/core" },
    },
    {
      name: "core-only-zod",
      severity: "error",
      from: { path: "^src/core" },
      to: { dependencyTypes: ["npm", "npm-dev"], pathNot: "node_modules/zod" },
    },
    {
      name: "pipeline-imports-core-only",
      severity: "error",
      from: { path: "^src/pipeline" },
      to: { path: "^src/(store|ingest|services|server|cli|compose)" },
    },
    {
      name: "store-imports-core-only",
      severity: "error",
      from: { path: "^src/store" },
      to: { path: "^src/(pipeline|ingest|services|server|cli|compose)" },
    },
    {
      name: "ingest-imports-core-only",
      severity: "error",
      from: { path: "^src/ingest" },
      to: { path: "^src/(pipeline|store|services|server|cli|compose)" },
    },
    {
      name: "services-no-entry-points",
      severity: "error",
      from: { path: "^src/services" },
      to: { path: "^src/(server|cli|compose)" },
    },
    {
      name: "services-use-store-interface",
      severity: "error",
      from: { path: "^src/services" },
      to: { path: "^src/store/(sqlite|postgres)/" },
    },
    {
      name: "only-compose-imports-adapters",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(compose\\.ts|store/)" },
      to: { path: "^src/store/(sqlite|postgres)/" },
    },
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.test\\.ts$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".json"] },
  },
};
