const { create, Queue } = require("./queue");

function run() {
  const q = new Queue();
  q.push(1);
  return create();
}
