#pragma once
namespace geo {
double distance(double a, double b);
}
