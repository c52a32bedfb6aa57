package dev.parley.functions.domain.media;

class InMemoryMediaRepositoryTest extends MediaRepositoryContract {
    private final InMemoryMediaRepository repository = new InMemoryMediaRepository();

    @Override
    protected MediaRepository repository() {
        return repository;
    }
}
