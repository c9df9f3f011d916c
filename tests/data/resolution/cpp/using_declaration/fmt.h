#pragma once
namespace fmt {
void print(int x);
}
