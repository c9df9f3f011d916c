#pragma once
template <typename T>
T biggest(T a, T b) { return a > b ? a : b; }
