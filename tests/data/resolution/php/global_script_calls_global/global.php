<?php
function helper(): int { return 0; }
