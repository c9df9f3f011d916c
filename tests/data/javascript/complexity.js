function simple() {
  return 1;
}

function branches(a, b) {
  if (a && b) {
    return 1;
  } else if (a || b) {
    return 2;
  }
  for (let i = 0; i < 3; i++) {}
  for (const k in a) {}
  for (const v of b) {}
  while (a) {}
  do {} while (b);
  switch (a) {
    case 1:
      break;
    case 2:
      break;
    default:
      break;
  }
  try {
    a();
  } catch (e) {
    b();
  } finally {
  }
  const c = a ? 1 : 2;
  return a ?? c;
}

function withCallbacks(items) {
  return items.filter((x) => (x ? x > 1 : false)).map((x) => {
    if (x) return x;
    return 0;
  });
}

function withNested(a) {
  function inner(b) {
    return b ? 1 : 2;
  }
  return a && inner(a);
}
