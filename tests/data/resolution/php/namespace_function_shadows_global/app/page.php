<?php
namespace App;

function page() {
    return render('p');
}
