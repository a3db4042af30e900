/**
 * Azure's display names of its regions, by ARM location ("westeurope" → "West Europe"): FOCUS
 * wants a RegionName wherever there is a RegionId. A location missing here is named by itself.
 */
const REGION_NAMES: Readonly<Record<string, string>> = {
  australiacentral: "Australia Central",
  australiaeast: "Australia East",
  australiasoutheast: "Australia Southeast",
  brazilsouth: "Brazil South",
  canadacentral: "Canada Central",
  canadaeast: "Canada East",
  centralindia: "Central India",
  centralus: "Central US",
  eastasia: "East Asia",
  eastus: "East US",
  eastus2: "East US 2",
  francecentral: "France Central",
  germanywestcentral: "Germany West Central",
  israelcentral: "Israel Central",
  italynorth: "Italy North",
  japaneast: "Japan East",
  japanwest: "Japan West",
  koreacentral: "Korea Central",
  koreasouth: "Korea South",
  mexicocentral: "Mexico Central",
  newzealandnorth: "New Zealand North",
  northcentralus: "North Central US",
  northeurope: "North Europe",
  norwayeast: "Norway East",
  polandcentral: "Poland Central",
  qatarcentral: "Qatar Central",
  southafricanorth: "South Africa North",
  southcentralus: "South Central US",
  southeastasia: "Southeast Asia",
  southindia: "South India",
  spaincentral: "Spain Central",
  swedencentral: "Sweden Central",
  switzerlandnorth: "Switzerland North",
  uaenorth: "UAE North",
  uksouth: "UK South",
  ukwest: "UK West",
  westcentralus: "West Central US",
  westeurope: "West Europe",
  westindia: "West India",
  westus: "West US",
  westus2: "West US 2",
  westus3: "West US 3",
};

export function regionName(location: string): string {
  return REGION_NAMES[location.toLowerCase().replaceAll(" ", "")] ?? location;
}
