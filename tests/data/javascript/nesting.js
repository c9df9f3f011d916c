function outer() {
  function inner() {
    function innermost() {
      return 1;
    }
    return innermost();
  }
  const helper = () => inner();
  return helper();
}

describe("suite", () => {
  function setup() {
    return outer();
  }

  it("works", () => {
    expect(setup()).toBe(1);
  });
});

describe("other suite", () => {
  function setup() {
    return 2;
  }
  it("also works", () => setup());
});

[1, 2].forEach(function each(n) {
  outer(n);
});
