function helper(x) {
  return x * 2;
}

module.exports = { helper };
