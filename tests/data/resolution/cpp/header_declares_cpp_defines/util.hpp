#pragma once
int square(int x);
