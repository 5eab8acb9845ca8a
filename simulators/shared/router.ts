/**
 * Minimal path router for node:http. Templates use ":name" segments; the template string doubles
 * as the key for request counting, so counts group by route rather than by concrete id.
 */
export type RouteParams = Record<string, string>;

interface Route<H> {
  method: string;
  template: string;
  segments: string[];
  handler: H;
}

export type RouteMatch<H> =
  | { kind: "found"; handler: H; params: RouteParams; template: string }
  | { kind: "method-not-allowed"; template: string; allowed: string[] }
  | { kind: "not-found" };

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, template: string, handler: H): this {
    this.routes.push({ method: method.toUpperCase(), template, segments: splitPath(template), handler });
    return this;
  }

  get(template: string, handler: H): this {
    return this.add("GET", template, handler);
  }
  post(template: string, handler: H): this {
    return this.add("POST", template, handler);
  }
  put(template: string, handler: H): this {
    return this.add("PUT", template, handler);
  }

  match(method: string, path: string): RouteMatch<H> {
    const pathSegments = splitPath(path);
    let sameTemplate: { template: string; allowed: string[] } | undefined;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, pathSegments);
      if (!params) continue;
      if (route.method === method.toUpperCase()) {
        return { kind: "found", handler: route.handler, params, template: route.template };
      }
      sameTemplate ??= { template: route.template, allowed: [] };
      sameTemplate.allowed.push(route.method);
    }
    return sameTemplate ? { kind: "method-not-allowed", ...sameTemplate } : { kind: "not-found" };
  }
}

function matchSegments(template: string[], path: string[]): RouteParams | undefined {
  if (template.length !== path.length) return undefined;
  const params: RouteParams = {};
  for (let i = 0; i < template.length; i++) {
    const expected = template[i] as string;
    const actual = path[i] as string;
    if (expected.startsWith(":")) {
      params[expected.slice(1)] = decodeURIComponent(actual);
    } else if (expected.toLowerCase() !== actual.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}
