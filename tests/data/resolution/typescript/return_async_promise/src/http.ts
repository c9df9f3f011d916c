export class Response {
  json(): unknown {
    return {};
  }
}

export async function fetchIt(url: string): Promise<Response> {
  return new Response();
}
