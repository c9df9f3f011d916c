<?php
namespace Zoo;

class Mammal extends Animal
{
}
