const store = {
  items: [],
  add(item) {
    this.items.push(item);
    return this.count();
  },
  count() {
    return this.items.length;
  },
  reset: function () {
    this.items = [];
  },
  log: (msg) => console.log(msg),
  "quoted-key"() {
    return 1;
  },
  nested: {
    deep() {
      return store.count();
    },
  },
  get size() {
    return this.count();
  },
};

const settings = { port: 80, host: "x" };

export const handlers = {
  onLoad() {
    return store.add(1);
  },
};

function factory() {
  const local = {
    run() {
      return 1;
    },
  };
  return local.run();
}
