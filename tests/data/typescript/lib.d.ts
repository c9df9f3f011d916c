/** Library typings. */
declare function init(options: InitOptions): void;

interface InitOptions {
  verbose?: boolean;
}

declare class Client {
  connect(url: string): Promise<void>;
}

export { init, Client };
