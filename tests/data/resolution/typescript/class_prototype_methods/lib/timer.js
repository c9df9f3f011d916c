function Timer() {
  this.ticks = 0;
}

Timer.prototype.tick = function () {
  this.ticks += 1;
  return this.report();
};

Timer.prototype.report = function () {
  return this.ticks;
};

function run() {
  const t = new Timer();
  return t.tick();
}
