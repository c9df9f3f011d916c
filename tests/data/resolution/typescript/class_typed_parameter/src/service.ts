import { Repo } from "./repo";

export function persist(repo: Repo, x: string): string {
  return repo.save(x);
}
