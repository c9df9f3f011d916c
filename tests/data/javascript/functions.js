function add(a, b) {
  return a + b;
}

async function fetchAll(urls) {
  return Promise.all(urls.map((u) => fetch(u)));
}

function* counter(start = 0) {
  yield start;
}

async function* stream() {
  yield* counter(1);
}

const double = (x) => add(x, x);

const square = function (x) {
  return x * x;
};

let half = async (x) => x / 2;

var legacy = function named() {
  return double(2);
};

const first = () => 1, second = () => first();
