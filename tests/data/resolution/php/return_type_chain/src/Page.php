<?php
namespace Ui;

class Page
{
    private function widget(): Widget { return Factory::make(); }

    public function show(): string
    {
        $a = $this->widget()->render();
        return $a . Factory::make()->render();
    }
}
