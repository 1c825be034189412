import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  NavContentBlueprint,
  SignInPageBlueprint,
} from '@backstage/plugin-app-react';
import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
  SignInPage,
} from '@backstage/core-components';
import { SidebarSearchModal } from '@backstage/plugin-search';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import MenuIcon from '@material-ui/icons/Menu';
import SearchIcon from '@material-ui/icons/Search';

/** Local portal: the guest provider is the only sign-in (see app-config.yaml). */
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props =>
      <SignInPage {...props} providers={['guest']} title="Lab2Live" />,
  },
});

const navContent = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const nav = navItems.withComponent(item => (
        <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
      ));
      // The search modal below replaces the plain search page link.
      nav.take('page:search');
      // The bell below replaces the plain notifications page link.
      nav.take('page:notifications');
      return (
        <Sidebar>
          <SidebarGroup label="Search" icon={<SearchIcon />} to="/search">
            <SidebarSearchModal />
          </SidebarGroup>
          <SidebarDivider />
          <SidebarGroup label="Menu" icon={<MenuIcon />}>
            {nav.take('page:catalog')}
            {nav.take('page:ml-catalog')}
            {nav.take('page:ml-catalog/governance')}
            {nav.take('page:api-docs')}
            {nav.take('page:scaffolder')}
            <SidebarDivider />
            <SidebarScrollWrapper>
              {nav.rest({ sortBy: 'title' })}
            </SidebarScrollWrapper>
          </SidebarGroup>
          <SidebarSpace />
          <SidebarDivider />
          {/* Unread count, live over signals; a snackbar for new ones, at the
              bottom left: at the right it covered forms' Next and Create
              buttons (the scaffolder's), and it hides by itself. */}
          <NotificationsSidebarItem
            webNotificationsEnabled={false}
            snackbarProps={{
              enabled: true,
              autoHideDuration: 8000,
              anchorOrigin: { vertical: 'bottom', horizontal: 'left' },
            }}
          />
          <SidebarDivider />
          <SidebarGroup
            label="Settings"
            icon={<UserSettingsSignInAvatar />}
            to="/settings"
          >
            {nav.take('page:user-settings')}
          </SidebarGroup>
        </Sidebar>
      );
    },
  },
});

export const appShellModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, navContent],
});
