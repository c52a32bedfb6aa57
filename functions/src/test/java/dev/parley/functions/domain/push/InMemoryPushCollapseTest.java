package dev.parley.functions.domain.push;

class InMemoryPushCollapseTest extends PushCollapseContract {
    private final InMemoryPushCollapse collapse = new InMemoryPushCollapse();

    @Override
    protected PushCollapse collapse() {
        return collapse;
    }
}
