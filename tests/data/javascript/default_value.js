function impl() {
  return 1;
}

export default impl;
