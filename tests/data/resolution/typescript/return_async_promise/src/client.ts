import { fetchIt } from "./http";

export async function load(url: string): Promise<unknown> {
  const res = await fetchIt(url);
  return res.json();
}
