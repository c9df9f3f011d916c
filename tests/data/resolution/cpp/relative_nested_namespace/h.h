#pragma once
namespace a {
namespace b {
void h();
}
}
