import { Model } from "./model";

export class Post extends Model {}

export function publish(): boolean {
  const p: Post = Post.create();
  return p.save();
}
