export const api = {
  get(url: string): string {
    return url;
  },
  post(url: string): string {
    return this.get(url);
  },
};
