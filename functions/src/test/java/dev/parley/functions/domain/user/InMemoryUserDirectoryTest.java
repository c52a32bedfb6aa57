package dev.parley.functions.domain.user;

class InMemoryUserDirectoryTest extends UserDirectoryContract {
    private final InMemoryUserDirectory directory = new InMemoryUserDirectory();

    @Override
    protected UserDirectory directory() {
        return directory;
    }
}
