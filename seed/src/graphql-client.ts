/** A minimal GraphQL-over-HTTP client for the loader: one POST per operation, errors turned into exceptions. */

export interface GraphQLErrorBody {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

/** A request the hub answered with errors (or not with GraphQL at all). */
export class GraphQLRequestError extends Error {
  constructor(
    readonly label: string,
    readonly errors: readonly GraphQLErrorBody[],
    readonly status: number,
  ) {
    super(
      `${label} failed (HTTP ${status}): ` +
        errors
          .map((e) => {
            const where = [e.path?.join("."), e.extensions?.field].filter(Boolean).join(" ");
            return `[${e.extensions?.code ?? "NO_CODE"}]${where ? ` ${where}:` : ""} ${e.message}`;
          })
          .join("; "),
    );
    this.name = "GraphQLRequestError";
  }

  /** Whether any error has this code (e.g. GRAPHQL_VALIDATION_FAILED for a field the schema lacks). */
  has(code: string): boolean {
    return this.errors.some((e) => e.extensions?.code === code);
  }
}

const RATE_LIMIT_RETRIES = 5;

/**
 * POSTs `query` with `variables` and returns `data`. Throws GraphQLRequestError naming `label` (which record),
 * and each error's code, path, field and message, if the response has errors or is not a GraphQL response.
 * When the gateway's rate limit answers 429, waits as long as its Retry-After says and tries again.
 */
export async function graphql<T>(url: string, label: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<T> {
  let res: Response;
  for (let attempt = 0; ; attempt++) {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    if (res.status !== 429 || attempt === RATE_LIMIT_RETRIES) break;
    await res.arrayBuffer();
    const seconds = Math.min(60, Number(res.headers.get("retry-after")) || 1);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
  const text = await res.text();
  let body: { data?: T | null; errors?: GraphQLErrorBody[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new GraphQLRequestError(label, [{ message: `not a GraphQL response: ${text.slice(0, 200)}` }], res.status);
  }
  if (body.errors?.length || !body.data) throw new GraphQLRequestError(label, body.errors ?? [{ message: "no data" }], res.status);
  return body.data;
}
