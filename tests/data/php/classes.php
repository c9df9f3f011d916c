<?php
declare(strict_types=1);

namespace App\Models;

abstract class Model
{
    public function save(): bool
    {
        return $this->persist();
    }

    abstract protected function persist(): bool;
}

final class User extends Model implements \JsonSerializable
{
    public const TABLE = 'users';
    private const HIDDEN = ['password'], GUARDED = ['id'];

    public static function find(int $id): ?static
    {
        return null;
    }

    protected function persist(): bool
    {
        return true;
    }

    public function jsonSerialize(): mixed
    {
        return [self::TABLE];
    }
}
