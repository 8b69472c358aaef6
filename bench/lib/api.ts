/** A small client for the server under test: JSON over Node's fetch (keep-alive) with the admin's token. */
export class Api {
  private constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {
    const host = new URL(baseUrl).hostname;
    if (host !== '127.0.0.1') throw new Error(`benchmarks only talk to 127.0.0.1, not ${host}`);
  }

  static async connect(baseUrl: string, clientId: string, clientSecret: string): Promise<Api> {
    const { accessToken } = await new Api(baseUrl, '').post<{ accessToken: string }>(
      '/v1/auth/access_token',
      { clientId, clientSecret },
    );
    return new Api(baseUrl, accessToken);
  }

  /** POSTs JSON and returns the parsed answer; any status but 200/201/202 throws with the body. */
  async post<T = unknown>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /** Any method, JSON in and out; any status but 200/201/202 throws with the body. */
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status < 200 || response.status > 202)
      throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }
}
