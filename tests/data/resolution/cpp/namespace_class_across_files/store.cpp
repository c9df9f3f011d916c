#include "store.h"
void db::Store::put(int k) {}
int db::Store::get(int k) const { return k; }
