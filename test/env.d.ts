// The Worker's bindings as the tests see them (vitest.config.ts sets them).
declare namespace Cloudflare {
  interface Env {
    [setting: string]: string | undefined
  }
}
