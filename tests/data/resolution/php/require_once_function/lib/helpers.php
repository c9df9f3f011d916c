<?php
function e(string $s): string { return htmlspecialchars($s); }
