<?php
namespace App\Http\Controllers;

use Symfony\Component\Routing\Annotation\Route;

/**
 * Serves the blog.
 *
 * Two paragraphs of doc.
 */
#[Route('/blog'), \Deprecated]
class BlogController
{
    /** The page size. */
    public const PER_PAGE = 10;

    /**
     * Lists posts.
     */
    #[Route('/blog', name: 'blog_index', methods: ['GET'])]
    #[Cache(maxage: 60)]
    public function index(int $page = 1): array
    {
        return [];
    }

    // Not a doc comment.
    public function show(string $slug): array
    {
        return [];
    }

    /** Detached. */

    public function edit(): void
    {
    }
}
