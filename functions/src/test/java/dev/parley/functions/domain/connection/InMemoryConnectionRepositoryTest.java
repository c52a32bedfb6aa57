package dev.parley.functions.domain.connection;

class InMemoryConnectionRepositoryTest extends ConnectionRepositoryContract {
    private final InMemoryConnectionRepository repository = new InMemoryConnectionRepository();

    @Override
    protected ConnectionRepository repository() {
        return repository;
    }
}
