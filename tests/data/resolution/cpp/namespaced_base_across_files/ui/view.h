#pragma once
#include "../core/object.h"
namespace ui {
class View : public core::Object {
public:
    int tag() const { return id(); }
};
}
