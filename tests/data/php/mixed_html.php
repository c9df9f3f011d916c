<?php
namespace View;

class Page
{
    public function render(): void
    {
        ?>
        <div class="page"><?= $this->title() ?></div>
        <?php
        $this->footer();
    }

    private function title(): string { return 'T'; }
    private function footer(): void {}
}
?>
trailing html <?php echo strtoupper('x');
