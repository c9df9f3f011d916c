namespace {
int hidden() { return 2; }
}
int a() { return hidden(); }
