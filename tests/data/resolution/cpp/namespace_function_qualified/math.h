#pragma once
namespace math {
int add(int a, int b);
}
