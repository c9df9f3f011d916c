<?php
class Report
{
    public function rows(array $xs): array
    {
        $g = function ($x) { return $this->cell($x); };
        return array_map(fn($x) => $this->fmt($x), $xs);
    }
    private function fmt($x): string { return (string) $x; }
    private function cell($x): string { return (string) $x; }
}
