#pragma once
namespace a::b {
int f();
}
