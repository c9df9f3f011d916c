function main(): void {}

namespace main {
  export const version = "1";
}

export = main;
