package dev.parley.client.store;

class InMemoryStoreTest extends StoreContract {
    @Override
    ParleyStore open() {
        return new InMemoryStore();
    }
}
