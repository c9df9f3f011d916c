<?php
trait Makes { public static function make(): static { return new static(); } }
class A { use Makes; }
