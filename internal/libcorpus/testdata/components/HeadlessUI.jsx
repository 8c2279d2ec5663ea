import { Disclosure, DisclosureButton, DisclosurePanel, Switch, Tab, TabGroup, TabList, TabPanel, TabPanels } from "@headlessui/react";

export default function HeadlessUI({ tabs }) {
  return (
    <div>
      <Disclosure defaultOpen>
        <DisclosureButton>More</DisclosureButton>
        <DisclosurePanel>Details</DisclosurePanel>
      </Disclosure>
      <Switch checked={true} onChange={() => {}} className="switch">on</Switch>
      <TabGroup>
        <TabList>{tabs.map((t) => <Tab key={t}>{t}</Tab>)}</TabList>
        <TabPanels>{tabs.map((t) => <TabPanel key={t}>{t} panel</TabPanel>)}</TabPanels>
      </TabGroup>
    </div>
  );
}
