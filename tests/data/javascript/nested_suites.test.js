const { parse, format } = require("./lib");

function helper(x) {
  return format(x);
}

describe("parse", () => {
  beforeEach(() => parse("0"));
  it("reads numbers", () => {
    expect(parse("1")).toBe(1);
  });
  describe.each([1, 2])("nested %i", (n) => {
    test("formats", () => helper(n));
    it.only("parses", function () {
      return [parse(String(n))].map((v) => format(v));
    });
  });
});

describe(format, () => {
  it("is described by a reference", () => format(1));
});

parse("outside");
