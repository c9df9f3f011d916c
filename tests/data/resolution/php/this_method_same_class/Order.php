<?php
class Order
{
    public function submit(): void
    {
        $this->validate();
        $this->persist();
    }
    private function validate(): void {}
    private function persist(): void {}
}
