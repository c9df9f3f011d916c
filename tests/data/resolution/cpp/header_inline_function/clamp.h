#pragma once
inline int clamp(int x) { return x < 0 ? 0 : x; }
