function ok() {
  return 1;
}

function broken( {
  return 2;
}

function badBody() {
  const x = ;
  return ok();
}

class Still {
  method() {
    return ok();
  }
}
